import { useId } from 'react';

/**
 * The reason an operator action is journaled with (`why`): required by every action, so every view
 * that acts asks for it the same way.
 */
export function ReasonField({
  value,
  onChange,
  placeholder = 'why — journaled with the action',
  label = 'Reason',
  describedBy,
}: {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly placeholder?: string;
  readonly label?: string;
  readonly describedBy?: string;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        className="why"
        required
        aria-describedby={describedBy}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
