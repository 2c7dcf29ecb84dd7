/**
 * One log line as written: line breaks and other control characters in it (a value from a payload, a remote
 * reply) are shown escaped, so that data cannot end the line and forge another one.
 */
export function escapeLogLine(line: string): string {
  let escaped = "";
  for (const char of line) {
    const code = char.charCodeAt(0);
    const control = (code < 0x20 && char !== "\t") || code === 0x7f || code === 0x2028 || code === 0x2029;
    if (!control) escaped += char;
    else if (char === "\n") escaped += "\\n";
    else if (char === "\r") escaped += "\\r";
    else escaped += `\\u${code.toString(16).padStart(4, "0")}`;
  }
  return escaped;
}
