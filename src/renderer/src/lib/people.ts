// Avatars: initials plus a stable color (the agent's own color when we have one).
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

const PALETTE = ['#5b6cf0', '#0f9d8a', '#d9730d', '#c2418a', '#2f80c9', '#7a5af8', '#3d8b40', '#b54747'];

export function colorFor(seed: string): string {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length] ?? '#5b6cf0';
}
