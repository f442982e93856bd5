import { MhaError } from '../common/errors';

/**
 * Where an endpoint override may point. The SDK signs every request with the user's access key id
 * and session token, and a deploy sends the template and NoEcho values: so plain http only to this
 * machine (moto, LocalStack), https anywhere else, and nothing but http(s).
 */
export interface EndpointCheck {
  url: string;
  /** An AWS service host (…amazonaws.com, …api.aws): the same trust as no override at all. */
  isAws: boolean;
  loopback: boolean;
}

export function checkEndpoint(text: string): EndpointCheck {
  let url: URL;
  try { url = new URL(text); } catch {
    throw new MhaError('usage', `The endpoint '${text}' is not a URL.`, { nextStep: 'Give a URL such as http://127.0.0.1:5000 (moto) or https://cloudformation.eu-west-1.amazonaws.com.' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MhaError('usage', `The endpoint '${text}' is not an http(s) URL.`, { nextStep: 'Use https://…, or http:// on this machine (127.0.0.1, ::1, localhost).' });
  }
  if (url.username || url.password) throw new MhaError('usage', 'The endpoint URL must not carry a user name or password.');
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    throw new MhaError('usage', `The endpoint '${text}' uses plain http to another machine: signed requests and NoEcho values would cross the network unencrypted.`, {
      nextStep: 'Use https:// for a remote endpoint; plain http is only for this machine (127.0.0.1, ::1, localhost).',
    });
  }
  return { url: text, isAws: url.protocol === 'https:' && isAwsHost(url.hostname), loopback };
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function isAwsHost(hostname: string): boolean {
  return /(^|\.)amazonaws\.com(\.cn)?$/i.test(hostname) || /(^|\.)api\.aws$/i.test(hostname);
}
