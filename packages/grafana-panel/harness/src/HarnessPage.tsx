import type { FieldConfigSource, GrafanaTheme2, PanelData, PanelPlugin, PanelProps, TimeRange } from '@grafana/data';
import { EventBusSrv, ThemeContext } from '@grafana/data';
import { GlobalStyles, PanelChrome } from '@grafana/ui';
import type { ComponentType } from 'react';
import { PanelErrorBoundary } from './PanelErrorBoundary.js';
import { UPlotBaseline } from './UPlotBaseline.js';

export interface HarnessPageProps {
  plugin: PanelPlugin;
  theme: GrafanaTheme2;
  /** 'none' renders the chrome only, so a measured first render starts from a mounted page. */
  view: 'panel' | 'uplot' | 'none';
  data: PanelData;
  timeRange: TimeRange;
  timeZone: string;
  options: Record<string, unknown>;
  fieldConfig: FieldConfigSource;
  width: number;
  height: number;
  title: string;
  onOptionsChange: (options: Record<string, unknown>) => void;
  onPanelError: (error: Error) => void;
}

const eventBus = new EventBusSrv();
const noop = () => {};

/** The panel in Grafana's chrome and theme context, with the props a dashboard would pass. */
export function HarnessPage(props: HarnessPageProps) {
  const { plugin, theme, view, data, width, height } = props;
  const Panel = plugin.panel as ComponentType<PanelProps> | null;
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div data-testid="harness-frame" style={{ width, height, padding: 0 }}>
        <PanelChrome title={props.title} width={width} height={height}>
          {(innerWidth, innerHeight) => (
            <PanelErrorBoundary onError={props.onPanelError}>
              {view === 'none' ? null : view === 'uplot' || !Panel ? (
                <UPlotBaseline data={data} theme={theme} width={innerWidth} height={innerHeight} />
              ) : (
                <Panel
                  id={1}
                  title={props.title}
                  data={data}
                  timeRange={props.timeRange}
                  timeZone={props.timeZone}
                  options={props.options}
                  fieldConfig={props.fieldConfig}
                  transparent={false}
                  width={innerWidth}
                  height={innerHeight}
                  renderCounter={0}
                  eventBus={eventBus}
                  replaceVariables={(value: string) => value}
                  onOptionsChange={props.onOptionsChange}
                  onFieldConfigChange={noop}
                  onChangeTimeRange={noop}
                />
              )}
            </PanelErrorBoundary>
          )}
        </PanelChrome>
      </div>
    </ThemeContext.Provider>
  );
}
