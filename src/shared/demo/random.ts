// Seeded randomness for the demo workspace: same seed + same clock → same data, ids included.
import { Faker, es, es_MX, base } from '@faker-js/faker';

export interface DemoRandom {
  faker: Faker;
  float(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A UUIDv7 whose time part is `ms`, with seeded random bits. */
  id(ms: number): string;
}

export function createRandom(seed: number): DemoRandom {
  const faker = new Faker({ locale: [es_MX, es, base] });
  faker.seed(seed);
  const float = () => faker.number.float({ min: 0, max: 1, fractionDigits: 8 });
  const hex = (n: number) => faker.string.hexadecimal({ length: n, casing: 'lower', prefix: '' });
  return {
    faker,
    float,
    int: (min, max) => faker.number.int({ min, max }),
    pick: <T>(items: readonly T[]) => items[faker.number.int({ min: 0, max: items.length - 1 })]!,
    chance: (p) => float() < p,
    id(ms) {
      const t = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
      const variant = ((faker.number.int({ min: 0, max: 3 }) | 8) >>> 0).toString(16);
      return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    },
  };
}
