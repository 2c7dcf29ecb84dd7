// Building ADF `q` expressions (REST framework 2 and later): `Attribute op value` clauses joined with `and`, values
// in single quotes. The `;` separator of framework 1 answers 400 from version 2 on, so it is never used.
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function equalsClause(attribute: string, value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : `${attribute}=${quote(value)}`;
}

/** `StatusCode IN ('OPEN','CLOSED')`, or `=` for one value; undefined for none. */
export function inClause(attribute: string, values: readonly string[]): string | undefined {
  if (values.length === 0) return undefined;
  if (values.length === 1) return equalsClause(attribute, values[0]);
  return `${attribute} IN (${values.map(quote).join(",")})`;
}

/** Joins clauses with `and`, each in parentheses so that a user's own `or` keeps its meaning. */
export function allOf(...clauses: Array<string | undefined>): string | undefined {
  const present = clauses.filter((clause): clause is string => clause !== undefined && clause.trim() !== "");
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return present.map((clause) => `(${clause})`).join(" and ");
}
