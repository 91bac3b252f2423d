/** A small turning ring for work in progress; the surrounding text says what is happening. */
import './Spinner.css';

export function Spinner({ size = 18 }: { size?: number }) {
  return <span className="spinner" style={{ width: size, height: size }} aria-hidden="true" />;
}
