/**
 * The edit the HTTP benchmark and the load campaign make: the fastest lap of the reference
 * season's last race moves between its first two finishers (one point moves, so every table
 * changes), through PUT .../awards with If-Match and an API token.
 */
export interface FastestLapEdits {
  /** The season version the next edit is made from. */
  version: number;
  /** Sends edit `i` (made from `version`); a 200 moves `version` on. */
  send(i: number, reason: string): Promise<Response>;
  /** Reads the season's current version again (after a 412). */
  refresh(): Promise<void>;
}

export async function fastestLapEdits(
  paddock: string,
  season: string,
  token: string,
): Promise<FastestLapEdits> {
  const base = `${paddock}/api/v1/seasons/${season}`;
  const race = (await (await fetch(`${base}/results/race-16`)).json()) as {
    results: { entry: string }[];
    awards: { award: string; entry: string }[];
  };
  const pole = race.awards.find((a) => a.award === 'pole')?.entry;
  const [first, second] = race.results.map((r) => r.entry);
  const current = async () => ((await (await fetch(base)).json()) as { version: number }).version;
  const edits: FastestLapEdits = {
    version: await current(),
    async send(i, reason) {
      const res = await fetch(`${base}/results/race-16/awards`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'if-match': `"${edits.version}"`,
        },
        body: JSON.stringify({ ...(pole ? { pole } : {}), fastestLap: i % 2 ? first : second, reason }),
      });
      if (res.status === 200) edits.version = ((await res.clone().json()) as { version: number }).version;
      return res;
    },
    async refresh() {
      edits.version = await current();
    },
  };
  return edits;
}
