import { mediaOnlyDecision, type MediaKindName } from '../../bot/media-decision';
import { messengerMedia } from '../../channels/facebook/parse';

describe('mediaOnlyDecision', () => {
  test.each<[MediaKindName[], 'ko' | 'en', boolean, string, string | undefined, RegExp]>([
    [['image'], 'ko', false, 'handoff', 'media_only', /사진·파일을 받았어요/],
    [['video', 'file'], 'en', false, 'handoff', 'media_only', /We received what you sent/],
    [['location'], 'ko', true, 'handoff', 'media_only', /DM으로/],
    [['audio'], 'en', true, 'handoff', 'media_only', /by DM/],
    [['sticker'], 'ko', false, 'smalltalk', undefined, /언제든/],
    [['like'], 'en', true, 'smalltalk', undefined, /any time/],
    [['like', 'image'], 'ko', false, 'handoff', 'media_only', /사진/],
  ])('%j in %s (public %s) → %s', (kinds, lang, isPublic, action, reason, text) => {
    const decision = mediaOnlyDecision({ kinds, lang, isPublic });
    expect(decision.action).toBe(action);
    expect(decision.reason).toBe(reason);
    expect(decision.reply?.text).toMatch(text);
    expect(decision.language).toBe(lang);
  });
});

describe('messengerMedia', () => {
  test('a sticker in the new format alone is a sticker, not a photo; the like sticker is a like', () => {
    expect(messengerMedia({ attachments: [{ type: 'sticker', payload: { url: 'https://cdn/s.png', sticker_id: 1234 } }] })).toEqual([
      { kind: 'sticker', url: 'https://cdn/s.png' },
    ]);
    expect(messengerMedia({ sticker_id: 369239343222814 })).toEqual([{ kind: 'like', url: '' }]);
  });

  test('locations become geo: references, reels videos, unknown shares files', () => {
    expect(
      messengerMedia({
        attachments: [
          { type: 'location', payload: { coordinates: { lat: 37.5665, long: 126.978 } } },
          { type: 'reel', payload: { url: 'https://cdn/reel.mp4' } },
          { type: 'fallback', payload: null },
        ],
      }),
    ).toEqual([
      { kind: 'location', url: 'geo:37.5665,126.978' },
      { kind: 'video', url: 'https://cdn/reel.mp4' },
      { kind: 'file', url: '' },
    ]);
  });
});
