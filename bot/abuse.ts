// Abuse that carries a complaint or a question ("전화도 안받고 답변도 없고… 일 좀 해라") gets a calm
// acknowledgement and goes where its substance goes, flagged `abusive_language` on the card.
// Only pure abuse is moderated. Pure string rules.

// Profanity and insults as citizens type them (with the usual initial-consonant spellings).
const INSULT =
  /씨발|시발|ㅅㅂ|ㅆㅂ|씨바|개새|개색|ㄱㅅㄲ|병신|ㅂㅅ|븅신|좆|ㅈ같|존나|ㅈㄴ|미친|ㅁㅊ|멍청|꺼져|닥쳐|등신|쓰레기|개념이 ?없|f+u+c+k|f\*+k|f\*+ing|shit|stupid|idiot|moron|useless|dumb|bullshit|wtf/giu;

// What makes it a complaint: the service failed them, or they ask for something.
const SUBSTANCE =
  /안\s*받|답변(?:이|도)?\s*(?:없|안)|답도\s*없|답이\s*없|연락이?\s*없|처리|민원|신고했|몇\s*번|아직도|언제|느려|오래\s*걸|불친절|안\s*고치|고쳐|일\s*좀\s*해|어디에?\s*(?:넣|신고|해)|왜\s*이렇게|never answer|nobody|no one|complain|reported|fix|still|waiting|how long|where do i|why/iu;

export function hasInsult(text: string): boolean {
  INSULT.lastIndex = 0;
  return INSULT.test(text);
}

/** The message without its insults: what the classifier reads for the substance. */
export function withoutInsults(text: string): string {
  return text.replace(INSULT, ' ').replace(/\s+/g, ' ').trim();
}

export function hasSubstance(text: string): boolean {
  return SUBSTANCE.test(withoutInsults(text));
}
