// The session API: JSON in and out; a refusal is {error: "..."} and becomes a thrown Error with that message. Every request carries
// the page's token (written into the page by the server when it loads), without which the server refuses a change (so no other
// site's page can drive a session).
const token = document.querySelector('meta[name="playground-token"]')?.content ?? "";
export const pageHeader = { "X-Playground-Token": token };

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
  if (!response.ok) throw Object.assign(new Error(json?.error ?? `${response.status} ${response.statusText}`), { status: response.status });
  return json;
}
