import { describe, expect, it } from 'vitest';
import { optOutPhrase, readsLikeOptOut } from './opt-out-phrases';

describe('readsLikeOptOut', () => {
  it.each<[string, string]>([
    // CTIA keywords as the whole message.
    ['STOP', 'stop'],
    ['stop.', 'stop'],
    ['Stop!!!', 'stop'],
    ['  stop  ', 'stop'],
    ['🛑 STOP', 'stop'],
    ['Stop please', 'stop please'],
    ['Please stop', 'please stop'],
    ['stop stop stop', 'stop stop stop'],
    ['STOP ALL', 'stop all'],
    ['STOPALL', 'stopall'],
    ['Unsubscribe', 'unsubscribe'],
    ['CANCEL', 'cancel'],
    ['End', 'end'],
    ['quit', 'quit'],
    ['opt out', 'opt out'],
    ['OPTOUT', 'optout'],
    ['Revoke', 'revoke'],
    // Phrases anywhere in the message.
    ['Please unsubscribe me from these', 'unsubscribe'],
    ['remove me', 'remove me'],
    ['Hi, please remove me from your list', 'remove me'],
    ['take me off your list', 'take me off'],
    ["don't text me", "don't text me"],
    ['DON’T TEXT ME again', "don't text me"],
    ['dont text me', 'dont text me'],
    ['do not text', 'do not text'],
    ['Do not text this number', 'do not text this number'],
    ['do not contact me', 'do not contact me'],
    ['never text me again', 'never text me'],
    ['stop texting', 'stop texting'],
    ['Stop texting me, I already have solar', 'stop texting'],
    ['please stop messaging me', 'stop messaging'],
    ['No more texts please', 'no more texts'],
    ['How do I opt out?', 'opt out'],
    ['opt me out', 'opt me out'],
    ['Opt-out', 'opt-out'],
    ['just leave me alone', 'leave me alone'],
  ])('%j reads like an opt-out (%j)', (text, phrase) => {
    expect(optOutPhrase(text)).toBe(phrase);
    expect(readsLikeOptOut(text)).toBe(true);
  });

  it.each<string>([
    "don't stop",
    'Don’t stop!',
    'stop by tomorrow?',
    "can't stop thinking about the offer",
    'unstoppable',
    "Stop the presses, I'm in",
    'Cancel my 3pm, can we do 4?',
    'At the end of the day, yes',
    'The end',
    "I'll quit my job if this works",
    "don't stop texting me 😍",
    'never stop messaging me, I love the updates',
    'The bus stop on Main St',
    'endless possibilities',
    'Sounds good, see you then',
    'stopover in Denver',
    '',
  ])('%j does not', (text) => {
    expect(optOutPhrase(text)).toBeNull();
    expect(readsLikeOptOut(text)).toBe(false);
  });
});
