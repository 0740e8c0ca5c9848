// The task's "Where runs happen": this machine or a saved place (Settings → Places), and in
// words what choosing a place means for the run (its folder, what is not loaded there).
import type { Place } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { SelectField } from '../../components/select-field';
import { useApiData } from '../../hooks/use-api-data';

export function PlaceField(props: {
  value: string;
  error: string | undefined;
  onChange: (placeId: string) => void;
}) {
  const api = useApi();
  const places = useApiData(() => api.call('places.list', {}), [api]);
  const list = places.data ?? [];
  const chosen = list.find((place) => place.id === props.value);
  const options = [
    { value: '', label: 'This machine' },
    ...list.map((place) => ({ value: place.id, label: `${place.name} (SSH)` })),
  ];
  // A saved task keeps its place even before the list has loaded.
  if (props.value && !chosen) options.push({ value: props.value, label: 'A saved place' });
  return (
    <SelectField
      label="Where runs happen"
      error={props.error}
      hint={hintFor(chosen, list.length)}
      value={props.value}
      options={options}
      onChange={props.onChange}
    />
  );
}

function hintFor(place: Place | undefined, count: number) {
  if (!place) {
    return count === 0
      ? 'Runs happen on this machine. Add an SSH host in Settings → Places to run elsewhere.'
      : 'Runs happen on this machine, in the folder above.';
  }
  const { ssh } = place;
  return `Runs happen on ${ssh.host} as ${ssh.user}, in ${ssh.folder} there (not the folder above). The folder's own Claude Code settings are not loaded there, and its changes are not reviewed in Switchboard yet.`;
}
