// A clock that ticks every `ms` so "hace 2 min" stays true without refetching anything.
import { useEffect, useState } from 'react';

export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
