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
    ...list.map((place) => ({
      value: place.id,
      label: `${place.name} (${place.kind === 'container' ? 'container' : 'SSH'})`,
    })),
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
      ? 'Runs happen on this machine. Add an SSH host or a container in Settings → Places to run elsewhere.'
      : 'Runs happen on this machine, in the folder above.';
  }
  const { ssh, container } = place;
  if (container) {
    const others = container.mounts.map(
      (m) => `${m.hostPath} as ${m.containerPath}${m.readOnly ? ' (read-only)' : ''}`,
    );
    const sees = ['the folder above, at the same path', ...others].join(', ');
    const reach = container.network
      ? 'It has a network.'
      : 'It has no network: only the API, through Switchboard.';
    const mode = container.sealed
      ? 'Sealed: "Allow everything" runs there.'
      : 'Not sealed: "Allow everything" is refused there (Claude Code runs as root inside).';
    return `Runs happen in a ${container.engine} container of ${container.image}. It sees ${sees}, and of this machine nothing else but the place's own folder of Claude Code sessions. ${reach} ${mode}`;
  }
  return `Runs happen on ${ssh.host} as ${ssh.user}, in ${ssh.folder} there (not the folder above). The folder's own Claude Code settings are not loaded there, and its changes are not reviewed in Switchboard yet.`;
}
