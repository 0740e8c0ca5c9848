// Sends a person's decision on an approval and tracks it while it is on its way.
import { useState } from 'react';
import type { MethodInput } from '../../../shared/contract';
import { useApi } from '../api/api-context';

type Decision = Omit<MethodInput<'approvals.decide'>, 'approvalId'>;

export function useDecide(approvalId: string) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const decide = async (decision: Decision): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await api.call('approvals.decide', { approvalId, ...decision });
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { decide, busy, error };
}
