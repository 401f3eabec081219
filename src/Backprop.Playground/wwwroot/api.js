// The session API: JSON in and out; a refusal is {error: "..."} and becomes a thrown Error with that message. Every request carries
// X-Playground: 1, without which the server refuses a change (so no other site's page can drive a session).
export const pageHeader = { "X-Playground": "1" };

export async function call(method, path, body, headers) {
  let response;
  try {
    response = await fetch(path, { method, body, headers: { ...pageHeader, ...headers } });
  } catch {
    throw new Error("the playground server is not answering; is `backprop playground` still running?");
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!response.ok) throw new Error(json?.error ?? `${response.status} ${response.statusText}`);
  return json;
}
