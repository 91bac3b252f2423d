/**
 * The account emails, in the user's language. Transactional only: these go to every user,
 * marketing never does without its own consent.
 */
import type { Language } from '@airtalk/contracts';
import type { MailMessage } from '../../platform/mail/mailer.js';

interface DeviceDescription {
  browser: string | null;
  os: string | null;
  coarseIp: string | null;
}

function deviceLine(device: DeviceDescription, language: Language): string {
  const unknown = language === 'zh' ? '未知' : 'unknown';
  const what = [device.browser, device.os].filter(Boolean).join(language === 'zh' ? '，' : ' on ') || unknown;
  return language === 'zh'
    ? `设备：${what}\n网络：${device.coarseIp ?? unknown}`
    : `Device: ${what}\nNetwork: ${device.coarseIp ?? unknown}`;
}

export function verificationMail(to: string, nickname: string, link: string, language: Language): MailMessage {
  return language === 'zh'
    ? {
        to,
        subject: '请验证你的 Airtalk 邮箱',
        text: `${nickname}，你好！\n\n请打开以下链接验证你的邮箱（24 小时内有效，仅可使用一次）：\n\n${link}\n\n如果不是你注册的 Airtalk 账号，请忽略这封邮件。`,
      }
    : {
        to,
        subject: 'Verify your email for Airtalk',
        text: `Hi ${nickname},\n\nOpen this link to verify your email (it works once, for 24 hours):\n\n${link}\n\nIf you did not create an Airtalk account, ignore this email.`,
      };
}

export function passwordResetMail(to: string, link: string, language: Language): MailMessage {
  return language === 'zh'
    ? {
        to,
        subject: '重置你的 Airtalk 密码',
        text: `有人请求重置此邮箱对应的 Airtalk 密码。请打开以下链接设置新密码（1 小时内有效，仅可使用一次）：\n\n${link}\n\n重置后，所有已登录的设备都会退出。如果不是你本人操作，请忽略这封邮件，你的密码不会改变。`,
      }
    : {
        to,
        subject: 'Reset your Airtalk password',
        text: `Someone asked to reset the Airtalk password for this email. Open this link to choose a new one (it works once, for 1 hour):\n\n${link}\n\nAfterwards every signed-in device is signed out. If this was not you, ignore this email and your password stays as it is.`,
      };
}

export function newDeviceMail(
  to: string,
  device: DeviceDescription,
  settingsLink: string,
  language: Language,
): MailMessage {
  return language === 'zh'
    ? {
        to,
        subject: 'Airtalk 新设备登录提醒',
        text: `你的 Airtalk 账号刚刚在一台新设备上登录。\n\n${deviceLine(device, language)}\n\n如果是你本人，无需任何操作。如果不是，请立即修改密码，并在这里退出该会话：\n\n${settingsLink}`,
      }
    : {
        to,
        subject: 'New sign-in to your Airtalk account',
        text: `Your Airtalk account was just signed in on a new device.\n\n${deviceLine(device, language)}\n\nIf this was you, there is nothing to do. If not, change your password now and end that session here:\n\n${settingsLink}`,
      };
}

export function passwordChangedMail(to: string, settingsLink: string, language: Language): MailMessage {
  return language === 'zh'
    ? {
        to,
        subject: '你的 Airtalk 密码已修改',
        text: `你的 Airtalk 密码刚刚被修改，其他设备已全部退出登录。\n\n如果不是你本人操作，请立即通过"忘记密码"重置密码：\n\n${settingsLink}`,
      }
    : {
        to,
        subject: 'Your Airtalk password was changed',
        text: `Your Airtalk password was just changed and every other device was signed out.\n\nIf this was not you, reset your password now with "Forgot password":\n\n${settingsLink}`,
      };
}
