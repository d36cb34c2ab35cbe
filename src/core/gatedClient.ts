import { requestsPerCount } from '../api/countMode';
import type { SessionGate } from './sessionGate';
import type { SessionClient } from './sessionSpec';

/** The session's client with every call passed through its gate: the only way the session reaches the service. */
export function gatedClient(client: SessionClient, gate: SessionGate): SessionClient {
  return {
    requestsPerCount: (jobTypes) => requestsPerCount(gate.counting.byListing, jobTypes),
    count: (jobTypes, filter, signal) =>
      gate.counting.count(
        {
          count: (types, f, s) => gate.run((s2) => client.count(types, f, s2), s, false, 'action'),
          listPage: (query, s) => gate.run((s2) => client.listPage(query, s2), s),
        },
        jobTypes,
        filter,
        signal,
      ),
    listPage: (query, signal) => gate.run((s) => client.listPage(query, s), signal),
    findSubJob: (ref, signal) => gate.run((s) => client.findSubJob(ref, s), signal),
    showJob: (jobId, signal) => gate.run((s) => client.showJob(jobId, s), signal, false, 'action'),
    batchDelete: (ids, signal) => gate.run((s) => client.batchDelete(ids, s), signal, false, 'action'),
    listAll: async (query, signal) => {
      const result = await gate.run((s) => client.listAll(query, s), signal);
      gate.countMore(result.requests - 1);
      return result;
    },
    // IAM's answer says nothing about the project's credential: a refusal there is no refusal here.
    ...(client.callerIdentity && {
      callerIdentity: async (iamEndpoint, signal) => {
        const identity = await gate.run((s) => client.callerIdentity!(iamEndpoint, s), signal, false, 'elsewhere');
        gate.countMore(identity.requests - 1);
        return identity;
      },
    }),
    close: () => client.close(),
  };
}
