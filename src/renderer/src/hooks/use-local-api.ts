// Where the engine's local HTTP API answers (its URL, the sign-in link), kept fresh when settings
// change or the engine comes back.
import type { LocalApiState } from '../../../shared/domain';
import { useApi } from '../api/api-context';
import { useApiData, type ApiData } from './use-api-data';

export function useLocalApi(): ApiData<LocalApiState> {
  const api = useApi();
  return useApiData(
    () => api.call('localApi.get', {}),
    [api],
    (event) => event.type === 'settings.updated',
  );
}
