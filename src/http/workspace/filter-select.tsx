import type { FilterChoice } from '../../domain/index.js';

export const URGENCY_CHOICES: readonly FilterChoice[] = ['emergent', 'urgent', 'routine'].map(
  (u) => ({ key: u, label: u }),
);

/** A labelled filter drop-down whose first choice, "Any", is no filter. */
export function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  choices: readonly FilterChoice[];
  selected: string | undefined;
}) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">Any</option>
        {props.choices.map((c) => (
          <option value={c.key} selected={props.selected === c.key}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}
