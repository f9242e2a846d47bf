// Recharts, themed once for the dashboard.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
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

/** Counts per category (one bar each, as many as there are), split by band. */
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
    <figure className="chart" aria-label={label} style={{ height: Math.max(160, rows.length * 26 + 70) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey={category} width={120} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend itemSorter={(item) => BANDS.indexOf(String(item.value))} />
          {BANDS.map((band) => (
            <Bar key={band} dataKey={band} stackId="bands" fill={BAND_COLOURS[band]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** How many are in each band: one horizontal bar per band. */
export function BandCounts({ bands, label }: { bands: Record<string, number>; label: string }) {
  const rows = BANDS.map((band) => ({ band, users: bands[band] ?? 0 }));
  return (
    <figure className="chart chart-short" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="band" width={72} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="users" isAnimationActive={false} label={{ position: "right", fontSize: 12 }}>
            {rows.map((row) => (
              <Cell key={row.band} fill={BAND_COLOURS[row.band]} />
            ))}
          </Bar>
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
