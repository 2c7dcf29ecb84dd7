/**
 * One log line as written: line breaks and other control characters in it (a value from a payload, a remote
 * reply) are shown escaped, so that data cannot end the line and forge another one.
 */
export function escapeLogLine(line: string): string {
  return line.replace(/[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g, (char) => {
    if (char === "\n") return "\\n";
    if (char === "\r") return "\\r";
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
