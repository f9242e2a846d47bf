// Recharts, themed once for the dashboard.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export const BAND_COLOURS: Record<string, string> = { high: "#16a34a", moderate: "#f59e0b", low: "#dc2626" };
export const BANDS = ["high", "moderate", "low"];

/** Bars of counts per category, one series per band, stacked. */
export function BandBars({
  rows,
  category,
  label,
}: {
  rows: Record<string, string | number>[];
  category: string;
  label: string;
}) {
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey={category} tick={{ fontSize: 12 }} interval={0} angle={rows.length > 6 ? -35 : 0} textAnchor={rows.length > 6 ? "end" : "middle"} height={rows.length > 6 ? 60 : 30} />
          <YAxis allowDecimals={false} width={48} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          {BANDS.map((band) => (
            <Bar key={band} dataKey={band} stackId="bands" fill={BAND_COLOURS[band]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** One or more rates (0-1) over days, as percentages. */
export function RateLines({
  rows,
  series,
  label,
  onSelect,
}: {
  rows: Record<string, string | number | null>[];
  series: { key: string; name: string; colour: string }[];
  label: string;
  onSelect?: (day: string) => void;
}) {
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={rows}
          margin={{ top: 8, right: 12, bottom: 8, left: 0 }}
          onClick={(state) => {
            const day = state?.activeLabel;
            if (onSelect && typeof day === "string") onSelect(day);
          }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis tickFormatter={(value: number) => `${(value * 100).toFixed(1)}%`} width={56} tick={{ fontSize: 12 }} domain={["auto", "auto"]} />
          <Tooltip formatter={(value) => (typeof value === "number" ? `${(value * 100).toFixed(2)} %` : String(value))} />
          <Legend />
          {series.map((line) => (
            <Line
              key={line.key}
              type="monotone"
              dataKey={line.key}
              name={line.name}
              stroke={line.colour}
              dot={rows.length <= 40}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
