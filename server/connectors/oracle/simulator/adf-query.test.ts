// The simulator's reading of ADF `q` expressions, written from Oracle's examples (`(Deptno>=10 and <= 30) and
// (Loc!=NY)`) and the operators ADF lists, so that the connector's filters are checked against the same grammar.
import { describe, expect, it } from "vitest";
import { parseQuery, QueryError, sortRows } from "./adf-query";

const attributes = new Set(["Deptno", "Loc", "Dname", "Sal", "Hired", "Boss"]);
const rows = [
  { Deptno: 10, Loc: "NY", Dname: "Accounting", Sal: 1000, Hired: "2026-01-01T10:00:00.000+00:00", Boss: null },
  { Deptno: 20, Loc: "Dallas", Dname: "Research", Sal: 2000, Hired: "2026-01-02T10:00:00.000+00:00", Boss: "King" },
  { Deptno: 30, Loc: "Chicago", Dname: "Sales", Sal: 3000, Hired: "2026-01-03T10:00:00.000+00:00", Boss: "Blake" },
  { Deptno: 40, Loc: "Boston", Dname: "Operations", Sal: 4000, Hired: "2026-01-04T10:00:00.000+00:00", Boss: "King" },
];
const match = (q: string, version = 4) => rows.filter(parseQuery(q, version, attributes)).map((row) => row.Deptno);

describe("parseQuery", () => {
  it("reads Oracle's documented example, with the attribute left out of the second comparison", () => {
    expect(match("(Deptno>=10 and <= 30) and (Loc!=NY)")).toEqual([20, 30]);
  });

  it("reads LIKE, IN, BETWEEN, IS NULL, or, not and quoted values", () => {
    expect(match("Dname LIKE 'R%' or Dname LIKE '_ales'")).toEqual([20, 30]);
    expect(match("Loc IN ('NY', 'Boston')")).toEqual([10, 40]);
    expect(match("Sal BETWEEN 1500 AND 3000")).toEqual([20, 30]);
    expect(match("Boss IS NULL")).toEqual([10]);
    expect(match("Boss IS NOT NULL and not (Boss='King')")).toEqual([30]);
    expect(match("Hired > '2026-01-02T10:00:00Z'")).toEqual([30, 40]);
    expect(match("Dname='O''Brien' or Loc=Dallas")).toEqual([20]);
  });

  it("takes ; between query-by-example clauses under framework 1 only", () => {
    expect(match("Deptno=20;Loc=Dallas", 1)).toEqual([20]);
    expect(() => match("Deptno=20;Loc=Dallas", 2)).toThrow(QueryError);
  });

  it("refuses unknown attributes and broken expressions", () => {
    expect(() => match("Salary>1")).toThrow(/Salary is not an attribute/);
    expect(() => match("(Deptno=10")).toThrow(QueryError);
    expect(() => match("Deptno")).toThrow(QueryError);
  });
});

describe("sortRows", () => {
  it("sorts by several attributes and directions, nulls last ascending and first descending as Oracle does", () => {
    expect(sortRows(rows, "Boss:desc,Deptno:asc", attributes).map((row) => row.Deptno)).toEqual([10, 20, 40, 30]);
    expect(sortRows(rows, "Boss:asc,Deptno:desc", attributes).map((row) => row.Deptno)).toEqual([30, 40, 20, 10]);
  });
});
