import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

/** One seeded random stream. pure-rand v8 generators advance in place, so this wrapper is mutable too. */
export class Rng {
  constructor(private readonly g: Generator) {}

  /** uniform in [0, 1) */
  float(): number {
    return uniformFloat64(this.g);
  }

  /** uniform in [min, max) */
  between(min: number, max: number): number {
    return min + (max - min) * uniformFloat64(this.g);
  }

  /** uniform integer in [min, max], both included */
  int(min: number, max: number): number {
    return max <= min ? min : uniformInt(this.g, min, max);
  }

  /** true with probability p (never draws when p is 0 or 1, so switching a rate to 0 does not shift the stream) */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return uniformFloat64(this.g) < p;
  }

  /** exponential with the given mean (inter-arrival times of a Poisson process) */
  exponential(mean: number): number {
    return -mean * Math.log(1 - uniformFloat64(this.g));
  }
}

/**
 * `count` independent streams from one seed: stream k is the seed's generator jumped k times
 * (2^64 steps each), so actors never share or overlap random numbers.
 */
export function rngStreams(seed: number, count: number): Rng[] {
  const g = xoroshiro128plus(seed | 0);
  const out: Rng[] = [];
  for (let k = 0; k < count; k++) {
    out.push(new Rng(g.clone()));
    g.jump();
  }
  return out;
}
