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

const MAX_DOTS = 40;

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
  stroke?: string;
  payload?: { day?: string };
  r?: number | string;
}

/** A day's dot, which selects the day when pressed. (Not the chart's own onClick, which did not
 * name the day under the pointer in Chromium.) */
function ClickableDot({ cx, cy, r = 4, stroke, payload, onSelect }: DotProps & { onSelect?: (day: string) => void }) {
  if (cx === undefined || cy === undefined) return null;
  return (
    <circle
      cx={cx}
      cy={cy}
      r={r}
      stroke={stroke}
      strokeWidth={1.5}
      fill="#fff"
      className="chart-dot"
      style={{ cursor: onSelect ? "pointer" : undefined }}
      // On press, not click: Recharts redraws the dots as the pointer arrives, so the element
      // pressed is not always the one released on, and no click event follows.
      onMouseDown={() => payload?.day && onSelect?.(payload.day)}
    />
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
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
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
              dot={rows.length <= MAX_DOTS ? (props: DotProps) => <ClickableDot key={`${line.key}-${props.index}`} {...props} onSelect={onSelect} /> : false}
              activeDot={(props: DotProps) => <ClickableDot key={`${line.key}-active`} {...props} r={6} onSelect={onSelect} />}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
