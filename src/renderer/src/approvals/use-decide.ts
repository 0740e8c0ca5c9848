// Sends a person's decision on an approval and tracks it while it is on its way.
import { useState } from 'react';
import type { MethodInput } from '../../../shared/contract';
import type { Approval } from '../../../shared/domain';
import { useApi } from '../api/api-context';

type Decision = Omit<MethodInput<'approvals.decide'>, 'approvalId'>;

export function useDecide(approvalId: string) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  /** The decided request, or undefined when the decision did not go through. */
  const decide = async (decision: Decision): Promise<Approval | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await api.call('approvals.decide', { approvalId, ...decision });
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { decide, busy, error };
}
