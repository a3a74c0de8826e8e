import { redactPii } from './bot/pii';
for (const t of ['번호는 공일공 구구구구 팔팔팔팔이에요', '영일공-1234-오육칠팔 로 연락', '공일공구구구구팔팔팔팔', '010\u200B1234\u200B5678', '김민수@회사.한국 으로 보내주세요', 'help@gov.kr로 문의', '공공기관 이사 일정', '0이삼사 오일', 'kim.minsu@naver.com', '공이 일이삼사 오육칠팔']) console.log(JSON.stringify(redactPii(t).text));
