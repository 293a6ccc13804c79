// The board lives on a websocket and a session in localStorage: nothing to render on the server.
export const ssr = false;
