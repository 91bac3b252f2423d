/** The frame of the signed-out pages (sign in, sign up, password reset): a title, a lead and a card. */
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../lib';
import './AuthPage.css';

interface AuthPageProps {
  title: string;
  lead?: ReactNode;
  children: ReactNode;
  /** Links under the card, such as "Already have an account? Sign in". */
  footer?: ReactNode;
}

export function AuthPage({ title, lead, children, footer }: AuthPageProps) {
  useDocumentTitle(title);
  return (
    <div className="page page--narrow auth-page">
      <header className="page__header auth-page__header">
        <h1 className="page__title">{title}</h1>
        {lead && <p className="page__lead">{lead}</p>}
      </header>
      <div className="auth-card">{children}</div>
      {footer && <div className="form__aside">{footer}</div>}
    </div>
  );
}
