import { useMemo, useState, type SubmitEvent } from 'react';
import { ALERT_STATES, type HistoryFilter } from '../../../../shared/bridge/history.js';
import { SEVERITIES, type Severity } from '../../../../shared/protocol/alert.js';
import { fromLocalInput, toLocalInput } from '../../history/local-time.js';
import { SEVERITY_LABEL } from '../../status/presentation.js';
import { useFleet } from '../../store/store-context.js';

interface HistoryFiltersProps {
  readonly filter: HistoryFilter;
  readonly onApply: (filter: HistoryFilter) => void;
}

/**
 * The filter form: edits stay in the form until "Search" (or Enter), so typing does not send a
 * query per key. Customers and sites are those of the fleet the board knows.
 */
export function HistoryFilters({ filter, onApply }: HistoryFiltersProps) {
  const [from, setFrom] = useState(toLocalInput(filter.from));
  const [to, setTo] = useState(toLocalInput(filter.to));
  const [text, setText] = useState(filter.text);
  const [severities, setSeverities] = useState<readonly Severity[]>(filter.severities);
  const [state, setState] = useState(filter.states.length === 1 ? filter.states[0] : 'any');
  const [customer, setCustomer] = useState(filter.customers[0] ?? '');
  const [siteId, setSiteId] = useState(filter.siteIds[0] ?? '');
  const [device, setDevice] = useState(filter.deviceId ?? '');
  const siteDevices = useFleet((s) => (siteId === '' ? undefined : s.devices.get(siteId)));
  // Suggestions for what is typed: the first 200 devices of the site whose name or id starts
  // with it (a site may have 50,000).
  const suggestions = useMemo(() => {
    const typed = device.trim().toLowerCase();
    const found: { id: string; name: string }[] = [];
    for (const d of siteDevices?.values() ?? []) {
      if (found.length >= 200) break;
      if (d.name.toLowerCase().startsWith(typed) || d.id.toLowerCase().startsWith(typed)) {
        found.push({ id: d.id, name: d.name });
      }
    }
    return found;
  }, [siteDevices, device]);
  const [problem, setProblem] = useState<string | null>(null);
  const sites = useFleet((s) => s.sites);
  const customers = useMemo(
    () => [...new Set([...sites.values()].map((site) => site.customer))].sort(),
    [sites],
  );

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const start = fromLocalInput(from);
    // "To 14:35" takes in the whole of that minute (the input has no seconds).
    const toMinute = fromLocalInput(to);
    const end = toMinute === null ? null : toMinute + 59_999;
    if (start === null || end === null) {
      setProblem('Give both times, e.g. 2026-12-01 09:30.');
      return;
    }
    if (start > end) {
      setProblem('"From" must not be after "To".');
      return;
    }
    // A device by its id or its name, within the chosen site.
    const typed = device.trim();
    let deviceId: string | null = null;
    if (typed !== '') {
      const match = [...(siteDevices?.values() ?? [])].find(
        (d) => d.id === typed || d.name === typed,
      );
      if (siteId === '' || match === undefined) {
        setProblem(
          siteId === ''
            ? 'Choose a site to filter by one of its devices.'
            : `No device "${typed}" at this site.`,
        );
        return;
      }
      deviceId = match.id;
    }
    setProblem(null);
    onApply({
      ...filter,
      deviceId,
      from: start,
      to: end,
      text: text.trim(),
      severities: [...severities],
      states: state === 'open' || state === 'cleared' ? [state] : [],
      customers: customer === '' ? [] : [customer],
      siteIds: siteId === '' ? [] : [siteId],
    });
  };
  const toggle = (severity: Severity) => {
    setSeverities((now) =>
      now.includes(severity) ? now.filter((s) => s !== severity) : [...now, severity],
    );
  };

  return (
    <form className="history-filters" data-testid="history-filters" onSubmit={submit}>
      <label>
        From{' '}
        <input
          type="datetime-local"
          value={from}
          onChange={(e) => {
            setFrom(e.target.value);
          }}
        />
      </label>
      <label>
        To{' '}
        <input
          type="datetime-local"
          value={to}
          onChange={(e) => {
            setTo(e.target.value);
          }}
        />
      </label>
      <label className="history-filters__search">
        Search{' '}
        <input
          type="search"
          data-testid="history-search"
          placeholder="title, detail, check or device"
          maxLength={500}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
        />
      </label>
      <fieldset className="history-filters__severities">
        <legend>Severity</legend>
        {SEVERITIES.map((severity) => (
          <label key={severity} data-severity={severity}>
            <input
              type="checkbox"
              checked={severities.includes(severity)}
              onChange={() => {
                toggle(severity);
              }}
            />{' '}
            {SEVERITY_LABEL[severity]}
          </label>
        ))}
      </fieldset>
      <label>
        State{' '}
        <select
          value={state}
          onChange={(e) => {
            setState(e.target.value);
          }}
        >
          <option value="any">any</option>
          {ALERT_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Customer{' '}
        <select
          value={customer}
          onChange={(e) => {
            setCustomer(e.target.value);
          }}
        >
          <option value="">all</option>
          {customers.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        Site{' '}
        <select
          value={siteId}
          onChange={(e) => {
            setSiteId(e.target.value);
          }}
        >
          <option value="">all</option>
          {[...sites.values()].map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Device{' '}
        <input
          type="text"
          list="history-devices"
          data-testid="history-device"
          placeholder={siteId === '' ? 'choose a site first' : 'name or id'}
          disabled={siteId === ''}
          maxLength={200}
          value={device}
          onChange={(e) => {
            setDevice(e.target.value);
          }}
        />
        <datalist id="history-devices">
          {suggestions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </datalist>
      </label>
      <button type="submit" data-testid="history-apply">
        Search
      </button>
      {problem === null ? null : (
        <p className="history-filters__problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
