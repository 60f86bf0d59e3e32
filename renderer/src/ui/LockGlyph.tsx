/** The lock drawn beside 「保護中」: a masked field is protection working, shown neutral (never as an error). */
export function LockGlyph() {
  return (
    <svg className="lock-glyph" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
