import type { Resolvers } from '../../../graphql/generated/resolvers-types';
import { usageSummary } from '../usage/summary';
import { getSim, listSims, registerSims, updateSim } from './service';

export const simResolvers: Resolvers = {
  Query: {
    sims: (_, input, ctx) => listSims({ ctx, input }),
    sim: (_, input, ctx) => getSim({ ctx, input }),
  },
  Mutation: {
    registerSims: (_, input, ctx) => registerSims({ ctx, input }),
    updateSim: (_, input, ctx) => updateSim({ ctx, input }),
  },
  Sim: {
    endpoint: (sim, _, ctx) => ctx.loaders.fleet.endpointBySim.load({ workspaceId: sim.workspaceId, id: sim.id }),
    usage: (sim, range, ctx) => usageSummary(ctx, sim.workspaceId, sim.id, range),
  },
};
