'use client';

import { SimChoicesDocument, type SimChoicesQuery } from '../api/generated/graphql';
import { enumLabel } from '../format';
import { Combobox, type Matches } from '../ui/Combobox';
import { useWorkspace } from '../workspace/context';

export type SimChoice = SimChoicesQuery['sims']['edges'][number]['node'];

const SHOWN = 20;

/**
 * The device form's SIM: type any part of an ICCID (or IMSI, MSISDN) to find a SIM in no device and
 * not deleted; the first 20 matches are offered. The id goes to the form as `simId`.
 */
export function SimPicker({
  value,
  onChange,
  error,
}: {
  value: SimChoice | null;
  onChange: (sim: SimChoice | null) => void;
  error?: string | null;
}) {
  const ctx = useWorkspace();
  const search = async (text: string): Promise<Matches<SimChoice>> => {
    const { sims } = await ctx.request(SimChoicesDocument, { search: text || null, first: SHOWN });
    return { items: sims.edges.map((e) => e.node), total: sims.totalCount };
  };
  return (
    <Combobox
      label="SIM (optional)"
      name="simId"
      value={value}
      onChange={onChange}
      search={search}
      describe={(sim) => `${sim.iccid} (${enumLabel(sim.status)})`}
      renderItem={(sim) => (
        <>
          <span className="mono">{sim.iccid}</span> <span className="muted small">{enumLabel(sim.status)}</span>
        </>
      )}
      noun="SIM"
      placeholder="Type part of an ICCID"
      hint="SIMs in no device; empty the box for no SIM."
      error={error}
    />
  );
}
