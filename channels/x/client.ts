// The real twitter-api-v2 client, pointed at a configurable base URL. The library hard-codes
// https://api.x.com and its cloneWithPrefix() throws, so a plugin rewrites each request URL
// (see channels.md §1.3); an http:// base needs a plain http.Agent.
import http from 'node:http';
import { TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';
import type { XApiOptions } from './config';

const X_ORIGIN = /^https:\/\/api\.x\.com/;

export function createXClient(options: XApiOptions): TwitterApi {
  const tokens = {
    appKey: options.appKey,
    appSecret: options.appSecret,
    accessToken: options.accessToken,
    accessSecret: options.accessSecret,
  };
  const base = options.apiBaseUrl?.replace(/\/+$/, '');
  if (!base || X_ORIGIN.test(base)) return new TwitterApi(tokens);
  const rewrite: ITwitterApiClientPlugin = {
    onBeforeRequestConfig(args) {
      // Only the string params.url is read by the request maker; args.url is ignored.
      args.params.url = args.params.url.replace(X_ORIGIN, base);
    },
  };
  const settings = base.startsWith('http://') ? { plugins: [rewrite], httpAgent: new http.Agent({ keepAlive: true }) } : { plugins: [rewrite] };
  return new TwitterApi(tokens, settings);
}
