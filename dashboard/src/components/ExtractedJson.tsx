// Validated JSON made readable, whatever the schema: its plain fields as a list, each list of
// objects (a meal's items, a note's vitals) as a table, each nested object in turn.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const isTable = (value: unknown): value is Json[] => Array.isArray(value) && value.length > 0 && value.every(isObject);

export function label(field: string): string {
  return field.replaceAll("_", " ");
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "–";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(cell).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The keys in `order` first, in that order, then the others as they come. */
function ordered(keys: string[], order: string[]): string[] {
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

export default function ExtractedJson({ value, name, order = [] }: { value: Json; name?: string; order?: string[] }) {
  const entries = ordered(Object.keys(value), order).map((key): [string, unknown] => [key, value[key]]);
  const plain = entries.filter(([, item]) => !isTable(item) && !isObject(item));
  const tables = entries.filter((entry): entry is [string, Json[]] => isTable(entry[1]));
  const nested = entries.filter((entry): entry is [string, Json] => isObject(entry[1]));
  return (
    <div className="extracted" aria-label={name ? label(name) : "extracted fields"}>
      {name && <h4>{label(name)}</h4>}
      {plain.length > 0 && (
        <dl className="facts">
          {plain.map(([field, item]) => (
            <Fact key={field} field={field} value={item} />
          ))}
        </dl>
      )}
      {tables.map(([field, rows]) => (
        <RowsTable key={field} field={field} rows={rows} order={order} />
      ))}
      {nested.map(([field, item]) => (
        <ExtractedJson key={field} name={field} value={item} order={order} />
      ))}
    </div>
  );
}

function Fact({ field, value }: { field: string; value: unknown }) {
  return (
    <>
      <dt>{label(field)}</dt>
      <dd className="wrap">{cell(value)}</dd>
    </>
  );
}

function RowsTable({ field, rows, order }: { field: string; rows: Json[]; order: string[] }) {
  const columns = ordered([...new Set(rows.flatMap((row) => Object.keys(row)))], order);
  const numeric = columns.filter((column) => rows.every((row) => row[column] === null || typeof row[column] === "number"));
  return (
    <>
      <h4>{label(field)}</h4>
      <div className="table-scroll">
        <table aria-label={label(field)}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} className={numeric.includes(column) ? "num" : undefined}>
                  {label(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                {columns.map((column) => (
                  <td key={column} className={numeric.includes(column) ? "num" : undefined}>
                    {cell(row[column])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
