/** The web server writes this header from the connection itself (server/boot/web-server.ts); a client's is dropped. */
export const CLIENT_IP_HEADER = "x-conflux-client-ip";
