/** The error under a field, announced with it through the input's `aria-describedby={id}`. */
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} className="field-error-text" data-testid="field-error">
      {text}
    </p>
  );
}
