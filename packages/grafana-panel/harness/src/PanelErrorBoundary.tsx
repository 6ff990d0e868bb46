import { Alert } from '@grafana/ui';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  onError: (error: Error) => void;
  children: ReactNode;
}

/**
 * What Grafana does around every panel (PanelErrorBoundary in the dashboard): a panel that throws
 * while rendering shows its error in place instead of blanking the page, and the harness reports it.
 */
export class PanelErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    this.props.onError(Object.assign(error, { componentStack: info.componentStack }));
  }

  override render() {
    const { error } = this.state;
    if (error) {
      return (
        <Alert title="The panel failed to render" severity="error">
          {error.message}
        </Alert>
      );
    }
    return this.props.children;
  }
}
