// The Model page's charts (Recharts): the reliability curve and the drift (PSI) per feature.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { driftLevel, PSI_ALERT, PSI_WARN, type ReliabilityBin } from "../delivery";

const asPercent = (value: number) => `${Math.round(value * 100)}%`;
const DRIFT_COLOURS = { stable: "#16a34a", drifting: "#f59e0b", shifted: "#dc2626" };

/** Observed delivery rate against the mean prediction per tenth: on the diagonal is calibrated. */
export function CalibrationCurve({ bins, label }: { bins: ReliabilityBin[]; label: string }) {
  const rows = bins
    .filter((bin) => bin.mean_predicted !== null && bin.observed_rate !== null)
    .map((bin) => ({ predicted: bin.mean_predicted, observed: bin.observed_rate, count: bin.count, bin: bin.bin }));
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="predicted"
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tickFormatter={asPercent}
            tick={{ fontSize: 12 }}
            label={{ value: "predicted", position: "insideBottom", offset: -8, fontSize: 12 }}
          />
          <YAxis type="number" domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} tickFormatter={asPercent} width={48} tick={{ fontSize: 12 }} />
          <Tooltip
            formatter={(value) => (typeof value === "number" ? `${(value * 100).toFixed(1)} %` : String(value))}
            labelFormatter={(value) => `predicted ${typeof value === "number" ? (value * 100).toFixed(1) : value} %`}
          />
          <Legend verticalAlign="top" height={28} />
          <ReferenceLine
            segment={[
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ]}
            stroke="#9ca3af"
            strokeDasharray="4 4"
            ifOverflow="extendDomain"
          />
          <Line type="linear" dataKey="observed" name="observed delivery rate" stroke="#2563eb" strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** PSI per feature, one bar each, coloured by level, with the warn and alert thresholds. */
export function DriftBars({ psi, label }: { psi: Record<string, number>; label: string }) {
  const rows = Object.entries(psi)
    .map(([feature, value]) => ({ feature, psi: value }))
    .sort((a, b) => b.psi - a.psi);
  // Ticks every 0.05 up past the alert threshold or the largest PSI, whichever is higher.
  const top = Math.ceil(Math.max(PSI_ALERT * 1.2, ...rows.map((row) => row.psi)) * 20) / 20;
  const ticks = Array.from({ length: Math.round(top * 20) + 1 }, (_, index) => index / 20).filter((_, index, all) => all.length <= 9 || index % 2 === 0);
  return (
    <figure className="chart" aria-label={label} style={{ height: Math.max(160, rows.length * 26 + 50) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, top]} ticks={ticks} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="feature" width={130} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => (typeof value === "number" ? value.toFixed(4) : String(value))} />
          <ReferenceLine x={PSI_WARN} stroke={DRIFT_COLOURS.drifting} strokeDasharray="4 4" />
          <ReferenceLine x={PSI_ALERT} stroke={DRIFT_COLOURS.shifted} strokeDasharray="4 4" />
          <Bar dataKey="psi" name="PSI" isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.feature} fill={DRIFT_COLOURS[driftLevel(row.psi)]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
