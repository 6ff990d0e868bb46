// Extends the scaffolded configuration (.config/ is create-plugin's and stays as generated), as
// https://grafana.com/developers/plugin-tools/how-to-guides/extend-configurations describes.
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';
import grafanaConfig from './.config/webpack/webpack.config';

const config = async (env: Record<string, unknown>): Promise<Configuration> => {
  const base = await grafanaConfig(env);
  return merge(base, {
    resolve: {
      // The workspace's TypeScript packages (@hartslag/rhythm) import with NodeNext's `.js` suffixes.
      extensionAlias: { '.js': ['.ts', '.js'] },
    },
  });
};

export default config;
