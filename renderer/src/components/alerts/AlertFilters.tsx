import { SEVERITIES, type Severity } from '../../../../shared/protocol/alert.js';
import { STATE_FILTERS, type AlertFilter, type StateFilter } from '../../alerts/alert-rows.js';
import { SEVERITY_LABEL } from '../../status/presentation.js';

const STATE_LABEL: Readonly<Record<StateFilter, string>> = {
  all: 'any state',
  unacknowledged: 'unacknowledged',
  pending: 'acknowledgement pending',
  acknowledged: 'acknowledged',
};

interface AlertFiltersProps {
  readonly filter: AlertFilter;
  readonly customers: readonly string[];
  readonly sites: readonly { readonly id: string; readonly name: string }[];
  readonly onChange: (filter: AlertFilter) => void;
}

/** The alert list's filters: applied as they change (the list is in memory, nothing to fetch). */
export function AlertFilters({ filter, customers, sites, onChange }: AlertFiltersProps) {
  const one = (value: string) => (value === '' ? [] : [value]);
  return (
    <div className="alert-filters" data-testid="alert-filters">
      <input
        type="search"
        aria-label="Search alerts"
        placeholder="Search title, device, site, customer"
        value={filter.text}
        data-testid="alert-filter-text"
        onChange={(event) => {
          onChange({ ...filter, text: event.target.value });
        }}
      />
      <select
        aria-label="Customer"
        value={filter.customers[0] ?? ''}
        onChange={(event) => {
          onChange({ ...filter, customers: one(event.target.value) });
        }}
      >
        <option value="">every customer</option>
        {customers.map((customer) => (
          <option key={customer} value={customer}>
            {customer}
          </option>
        ))}
      </select>
      <select
        aria-label="Site"
        value={filter.siteIds[0] ?? ''}
        onChange={(event) => {
          onChange({ ...filter, siteIds: one(event.target.value) });
        }}
      >
        <option value="">every site</option>
        {sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Severity at least"
        value={filter.minSeverity}
        data-testid="alert-filter-severity"
        onChange={(event) => {
          onChange({ ...filter, minSeverity: event.target.value as Severity });
        }}
      >
        {SEVERITIES.map((severity) => (
          <option key={severity} value={severity}>
            {severity === 'not-classified'
              ? 'any severity'
              : `${SEVERITY_LABEL[severity]} and worse`}
          </option>
        ))}
      </select>
      <select
        aria-label="State"
        value={filter.state}
        data-testid="alert-filter-state"
        onChange={(event) => {
          onChange({ ...filter, state: event.target.value as StateFilter });
        }}
      >
        {STATE_FILTERS.map((state) => (
          <option key={state} value={state}>
            {STATE_LABEL[state]}
          </option>
        ))}
      </select>
    </div>
  );
}
