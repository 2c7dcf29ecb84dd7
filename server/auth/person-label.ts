/** How the audit log and the run page name a person: "Ada Lovelace <ada@example.com>". */
export function personLabel(user: { name: string; email: string }): string {
  return user.name ? `${user.name} <${user.email}>` : user.email;
}
