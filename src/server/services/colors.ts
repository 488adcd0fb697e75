// Agent avatar colors: distinct, readable on light and dark themes; assigned round-robin.
const PALETTE = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#4d7c0f'] as const;

export function agentColor(index: number): string {
  return PALETTE[Math.abs(index) % PALETTE.length] ?? PALETTE[0];
}
