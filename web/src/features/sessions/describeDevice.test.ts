import type { SessionView } from '@airtalk/contracts';
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zh } from '../../i18n/zh';
import { describeDevice, isPhone } from './describeDevice';

function session(device: Partial<Pick<SessionView, 'browser' | 'os'>>): SessionView {
  return {
    id: 'session-1',
    current: false,
    browser: null,
    os: null,
    language: 'en',
    coarseIp: '203.0.113.0',
    createdAt: '2024-03-01T10:00:00.000Z',
    lastSeenAt: '2024-03-01T11:00:00.000Z',
    ...device,
  };
}

function translator(language: 'en' | 'zh'): TFunction {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: en }, zh: { translation: zh } },
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

describe('describeDevice', () => {
  const t = translator('en');

  it('names the browser and the system when both are known', () => {
    expect(describeDevice(session({ browser: 'Firefox 128', os: 'Linux' }), t)).toBe('Firefox 128 on Linux');
  });

  it('uses the part that is known when the other is missing', () => {
    expect(describeDevice(session({ browser: 'Safari 17' }), t)).toBe('Safari 17');
    expect(describeDevice(session({ os: 'iOS 17.4' }), t)).toBe('iOS 17.4');
  });

  it('says the device is unknown when neither part is known', () => {
    expect(describeDevice(session({}), t)).toBe('Unknown device');
  });

  it('follows the UI language', () => {
    const zhT = translator('zh');
    expect(describeDevice(session({ browser: 'Chrome 126', os: 'Windows 10' }), zhT)).toBe(
      'Windows 10 上的 Chrome 126',
    );
    expect(describeDevice(session({}), zhT)).toBe('未知设备');
  });

  it('shows names as they are, without HTML escaping', () => {
    expect(describeDevice(session({ browser: '<b>Edge</b>', os: 'A&B' }), t)).toBe('<b>Edge</b> on A&B');
  });

  it('asks for the right messages', () => {
    const calls: unknown[][] = [];
    const recording = ((...args: unknown[]) => {
      calls.push(args);
      return 'translated';
    }) as unknown as TFunction;
    expect(describeDevice(session({ browser: 'Firefox', os: 'Linux' }), recording)).toBe('translated');
    expect(describeDevice(session({}), recording)).toBe('translated');
    expect(describeDevice(session({ browser: 'Firefox' }), recording)).toBe('Firefox');
    expect(calls).toEqual([['sessions.device', { browser: 'Firefox', os: 'Linux' }], ['sessions.unknownDevice']]);
  });
});

describe('isPhone', () => {
  it.each(['Android 14', 'iOS 17.4', 'iPhone OS', 'iPadOS 17', 'HarmonyOS 4', 'ANDROID'])(
    'treats %s as a phone',
    (os) => {
      expect(isPhone(session({ os }))).toBe(true);
    },
  );

  it.each(['Windows 10', 'Mac OS 14.5', 'macOS', 'Linux', 'Ubuntu', 'Chrome OS', 'Chromium OS', 'Fedora'])(
    'treats %s as a computer',
    (os) => {
      expect(isPhone(session({ os }))).toBe(false);
    },
  );

  it('treats an unknown system as a computer', () => {
    expect(isPhone(session({}))).toBe(false);
    expect(isPhone(session({ browser: 'Mobile Safari 17' }))).toBe(false);
  });
});
