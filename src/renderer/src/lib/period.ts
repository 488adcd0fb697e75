// The periods of the weekly closure review (guide §8), in the agent's time zone: weeks start on Monday.
import { addDays, parseISO, startOfDay, startOfWeek, subDays } from 'date-fns';

export const PERIODS = ['thisWeek', 'lastWeek', 'last30', 'all', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

export interface Range {
  from?: number;
  to?: number;
}

const monday = (ts: number) => startOfWeek(ts, { weekStartsOn: 1 }).getTime();

/**
 * `from` included, `to` excluded (as reviews.closures reads them). `custom` takes two calendar days
 * (yyyy-mm-dd), both included; an empty side is open-ended.
 */
export function periodRange(period: Period, now: number, custom: { from: string; to: string }): Range {
  switch (period) {
    case 'thisWeek':
      return { from: monday(now) };
    case 'lastWeek': {
      const thisMonday = monday(now);
      return { from: monday(subDays(thisMonday, 1).getTime()), to: thisMonday };
    }
    case 'last30':
      return { from: startOfDay(subDays(now, 29)).getTime() };
    case 'all':
      return {};
    case 'custom': {
      const range: Range = {};
      if (/^\d{4}-\d{2}-\d{2}$/.test(custom.from)) range.from = startOfDay(parseISO(custom.from)).getTime();
      if (/^\d{4}-\d{2}-\d{2}$/.test(custom.to)) range.to = startOfDay(addDays(parseISO(custom.to), 1)).getTime();
      return range;
    }
  }
}
