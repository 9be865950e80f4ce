import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../ids';
import { importTemplateCsv, planImport } from './import';

const author = {
  villageCode: '3510992001',
  kioskId: 'k1',
  ids: createIdGenerator('3510992001', 'k1'),
};

describe('resident import', () => {
  it('maps Dukcapil (SIAK) columns and builds local residents', () => {
    const csv = [
      'NIK,NO_KK,NAMA_LGKP,TMPT_LHR,TGL_LHR,JENIS_KLMIN,AGAMA,STAT_KWN,STAT_HBKEL,PDDK_AKH,JENIS_PKRJN,DUSUN,NO_RW,NO_RT',
      '3510171708450001,3510170101090001,Budi Santoso,Banyuwangi,17-08-1945,LAKI-LAKI,ISLAM,KAWIN,KEPALA KELUARGA,SLTA,PETANI,Krajan,002,003',
      '3510175708450002,3510170101090001,Siti Aminah,Banyuwangi,1945-08-17,PEREMPUAN,ISLAM,KAWIN,ISTRI,SD,MENGURUS RUMAH TANGGA,Krajan,2,3',
    ].join('\n');
    const plan = planImport(csv, author);
    expect(plan.problems).toEqual([]);
    expect(plan.columns).toMatchObject({ name: 'NAMA_LGKP', sex: 'JENIS_KLMIN', rt: 'NO_RT' });
    expect(plan.docs).toHaveLength(2);
    expect(plan.docs[0]).toMatchObject({
      type: 'resident-local',
      nik: '3510171708450001',
      nameKey: 'budi santoso',
      birthDate: '1945-08-17',
      sex: 'L',
      rw: '2',
      rt: '3',
      status: 'living',
    });
  });

  it('maps OpenSID columns (sex as 1/2) and warns on a NIK disagreeing with the row', () => {
    const csv =
      'nama;nik;no_kk;sex;tanggallahir;dusun;rt;rw\nAni;3510175708450002;;1;1945-08-17;Krajan;1;1';
    const plan = planImport(csv, author);
    expect(plan.problems).toEqual([]);
    expect(plan.warnings).toEqual([
      { line: 2, message: 'Jenis kelamin di NIK (P) berbeda dengan data (L).' },
    ]);
  });

  it('reports wrong columns and imports nothing', () => {
    const plan = planImport('NOMOR,NAMA_ORANG\n1,2', author);
    expect(plan.docs).toEqual([]);
    expect(plan.problems).toEqual([
      {
        line: 1,
        message: 'Kolom wajib tidak ditemukan: NIK, NAMA. Kolom yang ada: NOMOR, NAMA_ORANG.',
      },
    ]);
  });

  it('lists every wrong line with its reasons: broken NIKs, duplicates, dates, sex', () => {
    const csv = [
      'NIK,NAMA,TGL_LHR,JK',
      '3510171708450001,Budi,,L',
      '351017170845000,Andi,,L',
      '3510171708450001,Budi Lagi,,L',
      '3510171713450003,Cici,31-02-1990,X',
      '3510171708450004,,,L',
    ].join('\n');
    const plan = planImport(csv, author, {
      existing: new Map([
        ['3510171708450004', { name: 'Dewi Lestari', dusun: 'Krajan', rt: '1', rw: '2' }],
      ]),
    });
    expect(plan.problems).toEqual([
      { line: 3, message: 'NIK harus 16 angka (tertulis 15).' },
      { line: 4, message: 'NIK 3510171708450001 sudah ada di baris 2.' },
      {
        line: 5,
        message:
          'Bulan lahir 13 pada NIK tidak sah; tanggal lahir "31-02-1990" tidak sah; jenis kelamin "X" harus L atau P.',
      },
      {
        line: 6,
        message:
          'NIK 3510171708450004 sudah terdaftar atas nama Dewi Lestari (Krajan RT 1/RW 2); nama kosong.',
      },
    ]);
  });

  it('lists the columns it does not read, and maps SIAK codes and spellings to the lists', () => {
    const csv = [
      'NIK;NAMA;ALAMAT;AGAMA;STAT_HBKEL;PDDK_AKH;JENIS_PKRJN;TGL_LHR',
      '3510171708450001;Budi;Jl. Mawar 3;1;KEPALA KELUARGA;SLTA / SEDERAJAT;88;1/1/1945',
    ].join('\n');
    const plan = planImport(csv, author);
    expect(plan.problems).toEqual([]);
    expect(plan.unknownColumns).toEqual(['ALAMAT']);
    expect(plan.docs[0]).toMatchObject({
      religion: 'Islam',
      familyRelation: 'Kepala Keluarga',
      education: 'SLTA/Sederajat',
      occupation: 'Wiraswasta',
      birthDate: '1945-01-01',
    });
  });

  it('offers a template that imports as it is', () => {
    const plan = planImport(importTemplateCsv(), author);
    expect(plan.problems).toEqual([]);
    expect(plan.unknownColumns).toEqual([]);
    expect(plan.docs).toHaveLength(1);
  });
});
