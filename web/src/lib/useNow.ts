/** The current time for relative labels ("5 minutes ago"), refreshed every minute so they stay true. */
import { useEffect, useState } from 'react';

const REFRESH_MS = 60_000;

export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, REFRESH_MS);
    return () => {
      window.clearInterval(timer);
    };
  }, []);
  return now;
}
