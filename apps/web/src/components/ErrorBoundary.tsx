import i18n from 'i18next';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

/**
 * Keeps one broken page (a bug, a module chunk that failed to load after a deploy) from blanking
 * the whole app: the header and navigation stay usable and the page offers a reload.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Page crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="alert alert-error" role="alert">
        <h1>{i18n.t('errors.title')}</h1>
        <p>{i18n.t('errors.pageCrashed')}</p>
        <button type="button" className="button button-secondary" onClick={() => window.location.reload()}>
          {i18n.t('errors.reload')}
        </button>
      </div>
    );
  }
}
