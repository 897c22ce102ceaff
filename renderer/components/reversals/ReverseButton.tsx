/** "Reverse posting…" for one business key (its name says which key: a screen reader hears many of them). */
export function ReverseButton({ businesskey, onReverse }: { readonly businesskey: string; readonly onReverse: (key: string) => void }) {
  return (
    <button type="button" className="rev-action" aria-haspopup="dialog" onClick={() => onReverse(businesskey)}>
      Reverse posting…<span className="visually-hidden"> of {businesskey}</span>
    </button>
  );
}
