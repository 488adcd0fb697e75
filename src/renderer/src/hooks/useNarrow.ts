// The details column auto-hides below 1100 px wide (UI.md: collapsible, hides on narrow windows).
import { useEffect, useState } from 'react';

const QUERY = '(max-width: 1099px)';

export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => matchMedia(QUERY).matches);
  useEffect(() => {
    const mq = matchMedia(QUERY);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}
