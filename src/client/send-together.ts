/**
 * Calls that go out together, as a race needs. Each call joins once its request is ready (its
 * token fetched): a place taken before that could wait behind the token request it needs. When
 * every call has joined or left, the group's places are taken at once and handed out.
 */
import type { Release } from './flow-control.ts';

interface Waiting {
  resolve: (place: Release | undefined) => void;
  reject: (error: unknown) => void;
}

/** One call of a group: it joins right before sending, or leaves having sent nothing. */
export interface GroupMember {
  /** The place for the call's one request, once every call of the group is ready. */
  join(): Promise<Release | undefined>;
  /** The call is over: if it never joined, the others no longer wait for it. */
  leave(): void;
}

export class SendTogether {
  private pending: number;
  private readonly ready: Waiting[] = [];
  private places: Release[] = [];

  constructor(
    size: number,
    private readonly take: (n: number) => Promise<Release[]>,
  ) {
    this.pending = size;
  }

  member(): GroupMember {
    let done = false;
    const finish = () => {
      if (done) return false;
      done = true;
      return true;
    };
    return {
      join: () =>
        new Promise((resolve, reject) => {
          if (!finish()) return reject(new Error('a member of a group sends one request'));
          this.ready.push({ resolve, reject });
          this.arrived();
        }),
      leave: () => {
        if (finish()) this.arrived();
      },
    };
  }

  /** Every place not used yet, given back (the group is over). */
  releaseAll(): void {
    for (const release of this.places) release();
  }

  private arrived(): void {
    if (--this.pending > 0) return;
    const calls = this.ready.splice(0);
    if (!calls.length) return;
    this.take(calls.length).then(
      (places) => {
        this.places = places;
        for (const [i, c] of calls.entries()) c.resolve(places[i]);
      },
      (error) => {
        for (const c of calls) c.reject(error);
      },
    );
  }
}
