// The `q` filter of Oracle's ADF REST framework as the simulator reads it. Framework 1 takes query-by-example
// clauses separated by `;` (`Deptno=10;Loc=NY`); framework 2 and later take expressions: comparisons (=, !=, <, <=,
// >, >=), LIKE with % and _, IN (…), BETWEEN … AND …, IS [NOT] NULL, joined with and / or, grouped in parentheses,
// where a comparison may leave out its attribute to repeat the previous one (`Deptno>=10 and <=30`). A `;` in a
// framework 2 expression is an error (400), as Fusion answers.
export class QueryError extends Error {}

type Row = Record<string, unknown>;
type Predicate = (row: Row) => boolean;

const TOKEN = /\s*(?:(\()|(\))|(,)|('(?:[^']|'')*')|("(?:[^"])*")|(!=|<>|<=|>=|=|<|>)|([^\s()=<>!,']+))/y;

interface Token {
  kind: "open" | "close" | "comma" | "string" | "op" | "word";
  text: string;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let rest = text;
  while (rest.trim()) {
    TOKEN.lastIndex = 0;
    const match = TOKEN.exec(rest);
    if (!match) throw new QueryError(`cannot read the query near "${rest.trim().slice(0, 20)}"`);
    rest = rest.slice(match[0].length);
    if (match[1]) tokens.push({ kind: "open", text: "(" });
    else if (match[2]) tokens.push({ kind: "close", text: ")" });
    else if (match[3]) tokens.push({ kind: "comma", text: "," });
    else if (match[4]) tokens.push({ kind: "string", text: match[4].slice(1, -1).replace(/''/g, "'") });
    else if (match[5]) tokens.push({ kind: "string", text: match[5].slice(1, -1) });
    else if (match[6]) tokens.push({ kind: "op", text: match[6] === "<>" ? "!=" : match[6] });
    else if (match[7]) tokens.push({ kind: "word", text: match[7] });
  }
  return tokens;
}

const isoDate = /^\d{4}-\d{2}-\d{2}/;

function compare(left: unknown, right: string): number | undefined {
  if (left === null || left === undefined) return undefined;
  if (typeof left === "number" && /^-?\d+(\.\d+)?$/.test(right)) return left - Number(right);
  const text = String(left);
  if (isoDate.test(text) && isoDate.test(right)) {
    const a = Date.parse(text);
    const b = Date.parse(right.length === 10 ? `${right}T00:00:00Z` : right);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return a - b;
  }
  if (typeof left === "boolean") return String(left) === right.toLowerCase() ? 0 : 1;
  return text < right ? -1 : text > right ? 1 : 0;
}

function like(value: unknown, pattern: string): boolean {
  if (value === null || value === undefined) return false;
  const regex = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/%/g, ".*")
    .replace(/_/g, ".");
  return new RegExp(`^${regex}$`, "s").test(String(value));
}

class Parser {
  private index = 0;
  private lastAttribute: string | undefined;

  constructor(
    private readonly tokens: Token[],
    private readonly attributes: ReadonlySet<string>,
  ) {}

  parse(): Predicate {
    const predicate = this.or();
    if (this.index < this.tokens.length) throw new QueryError(`unexpected "${this.tokens[this.index]?.text}"`);
    return predicate;
  }

  private peekWord(word: string, offset = 0): boolean {
    const token = this.tokens[this.index + offset];
    return token?.kind === "word" && token.text.toLowerCase() === word;
  }

  private next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new QueryError("the query ends too early");
    return token;
  }

  private or(): Predicate {
    const parts = [this.and()];
    while (this.peekWord("or")) {
      this.index += 1;
      parts.push(this.and());
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (row) => parts.some((part) => part(row));
  }

  private and(): Predicate {
    const parts = [this.factor()];
    while (this.peekWord("and")) {
      this.index += 1;
      parts.push(this.factor());
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (row) => parts.every((part) => part(row));
  }

  private factor(): Predicate {
    if (this.peekWord("not")) {
      this.index += 1;
      const inner = this.factor();
      return (row) => !inner(row);
    }
    if (this.tokens[this.index]?.kind === "open") {
      this.index += 1;
      const inner = this.or();
      if (this.next().kind !== "close") throw new QueryError("a parenthesis is not closed");
      return inner;
    }
    return this.condition();
  }

  private value(): string {
    const token = this.next();
    if (token.kind === "string" || token.kind === "word") return token.text;
    throw new QueryError(`expected a value, found "${token.text}"`);
  }

  private attribute(): string {
    const token = this.tokens[this.index];
    if (token?.kind === "word" && !["like", "in", "is", "between", "not"].includes(token.text.toLowerCase())) {
      const next = this.tokens[this.index + 1];
      if (next && (next.kind === "op" || next.kind === "word")) {
        this.index += 1;
        if (!this.attributes.has(token.text)) throw new QueryError(`${token.text} is not an attribute of the resource`);
        this.lastAttribute = token.text;
        return token.text;
      }
    }
    if (!this.lastAttribute) throw new QueryError(`expected an attribute, found "${token?.text ?? "the end"}"`);
    return this.lastAttribute;
  }

  private condition(): Predicate {
    const name = this.attribute();
    const token = this.next();
    if (token.kind === "op") {
      const right = this.value();
      const op = token.text;
      return (row) => {
        const result = compare(row[name], right);
        if (result === undefined) return op === "!=";
        if (op === "=") return result === 0;
        if (op === "!=") return result !== 0;
        if (op === "<") return result < 0;
        if (op === "<=") return result <= 0;
        if (op === ">") return result > 0;
        return result >= 0;
      };
    }
    const word = token.text.toLowerCase();
    const negated = word === "not";
    const keyword = negated ? this.next().text.toLowerCase() : word;
    if (keyword === "like") {
      const pattern = this.value();
      return (row) => like(row[name], pattern) !== negated;
    }
    if (keyword === "in") {
      if (this.next().kind !== "open") throw new QueryError("IN needs a list in parentheses");
      const values = [this.value()];
      while (this.tokens[this.index]?.kind === "comma") {
        this.index += 1;
        values.push(this.value());
      }
      if (this.next().kind !== "close") throw new QueryError("the IN list is not closed");
      return (row) => values.some((value) => compare(row[name], value) === 0) !== negated;
    }
    if (keyword === "between") {
      const low = this.value();
      if (!this.peekWord("and")) throw new QueryError("BETWEEN needs AND");
      this.index += 1;
      const high = this.value();
      return (row) => {
        const a = compare(row[name], low);
        const b = compare(row[name], high);
        return (a !== undefined && b !== undefined && a >= 0 && b <= 0) !== negated;
      };
    }
    if (keyword === "is") {
      const not = this.peekWord("not");
      if (not) this.index += 1;
      if (!this.peekWord("null")) throw new QueryError("IS must be followed by NULL or NOT NULL");
      this.index += 1;
      return (row) => (row[name] === null || row[name] === undefined) !== not;
    }
    throw new QueryError(`unknown operator "${token.text}"`);
  }
}

/** The predicate a `q` value stands for under the given framework version; throws QueryError for a bad one. */
export function parseQuery(q: string, frameworkVersion: number, attributes: ReadonlySet<string>): Predicate {
  if (frameworkVersion < 2) {
    const clauses = q
      .split(";")
      .filter((clause) => clause.trim())
      .map((clause) => new Parser(tokenize(clause), attributes).parse());
    return (row) => clauses.every((clause) => clause(row));
  }
  if (q.includes(";")) throw new QueryError("the ; separator is not supported from REST framework version 2 on");
  return new Parser(tokenize(q), attributes).parse();
}

/** Sorts by `orderBy` (`A:asc,B:desc`); throws QueryError naming an attribute the resource does not have. */
export function sortRows<T extends Row>(rows: T[], orderBy: string, attributes: ReadonlySet<string>): T[] {
  const keys = orderBy.split(",").map((part) => {
    const [name = "", direction = "asc"] = part.trim().split(":");
    if (!attributes.has(name)) throw new QueryError(`${name} is not an attribute of the resource`);
    if (!["asc", "desc"].includes(direction.toLowerCase())) throw new QueryError(`${direction} is not asc or desc`);
    return { name, sign: direction.toLowerCase() === "desc" ? -1 : 1 };
  });
  return [...rows].sort((a, b) => {
    for (const { name, sign } of keys) {
      const left = a[name];
      const right = b[name];
      if (left === right) continue;
      if (left === null || left === undefined) return sign;
      if (right === null || right === undefined) return -sign;
      const result = compare(left, String(right)) ?? 0;
      if (result !== 0) return result * sign;
    }
    return 0;
  });
}
